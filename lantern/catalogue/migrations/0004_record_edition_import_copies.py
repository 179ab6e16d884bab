"""Records keep their edition (MARC 250, UNIMARC 205); imports count the copies they created and updated."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0003_search_library_token'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='copies_created',
            field=models.PositiveIntegerField(default=0, verbose_name='copies created'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='copies_updated',
            field=models.PositiveIntegerField(default=0, verbose_name='copies updated'),
        ),
        migrations.AddField(
            model_name='record',
            name='edition',
            field=models.CharField(blank=True, help_text='e.g. 2nd ed., 第2版', max_length=200, verbose_name='edition'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='problems',
            field=models.JSONField(blank=True, default=list, help_text='One entry per rejected record, repair, or copy that was left out or kept its status', verbose_name='problems'),
        ),
    ]
